#!/usr/bin/env python3
"""Console page latency with a realistic queue.

Starts the hub (Release build) on a fresh SQLite data directory, creates an admin with the accounts command, files
N reports through the API (operator key, 8 writers), signs in like a browser and times each page (median and p95
over repeated requests, one client). Usage, from the repository root:

    dotnet build src/Silo -c Release && python3 bench/console/page-latency.py [reports=3000] [requests=200]
"""
import concurrent.futures, http.cookiejar, json, os, random, re, statistics, subprocess, sys, tempfile, time
import urllib.error, urllib.parse, urllib.request

REPORTS = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 200
BINARY = os.path.join("src", "Silo", "bin", "Release", "net10.0", "Lapor.Hub")
PORT = 5097
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "kata-sandi-bench-panjang"
WORDS = "jalan rusak sampah banjir lampu mati saluran tersumbat pungli sekolah puskesmas obat kosong bantuan sosial KTP".split()

def log(message):
    print(message, file=sys.stderr, flush=True)

def wait_until_ready():
    for _ in range(120):
        try:
            if urllib.request.urlopen(BASE + "/readyz").status == 200:
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.5)
    raise SystemExit("the hub did not become ready")

def file_reports(key):
    def file(i):
        body = json.dumps({"text": f"Laporan {i}: " + " ".join(random.choice(WORDS) for _ in range(20)),
                           "channel": "api", "regionCode": "35.78"}).encode()
        request = urllib.request.Request(BASE + "/api/reports", data=body,
                                         headers={"Content-Type": "application/json", "Authorization": "Bearer " + key})
        return urllib.request.urlopen(request).status
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for done, status in enumerate(pool.map(file, range(REPORTS)), 1):
            assert status == 201, status
            if done % 500 == 0:
                log(f"  filed {done}/{REPORTS}")
    return time.time() - started

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

def signed_in_browser():
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
    page = opener.open(BASE + "/masuk").read().decode()
    token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"userName": "bench", "password": PASSWORD, "__RequestVerificationToken": token}).encode()
    try:
        opener.open(BASE + "/masuk", form)
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302, redirect.code
    return opener

def measure(opener, path):
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        opener.open(BASE + path).read()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]

def main():
    data = tempfile.mkdtemp(prefix="lapor-bench-")
    settings = [f"--Storage:DataDirectory={data}"]
    subprocess.run([BINARY, "accounts", "create", "--user", "bench", "--role", "Admin", "--password-stdin", *settings],
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    hub = subprocess.Popen([BINARY, f"--urls={BASE}", "--Logging:LogLevel:Default=Warning", *settings],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_ready()
        key = open(os.path.join(data, "operator-api-key")).read().strip()
        log(f"filing {REPORTS} reports…")
        seconds = file_reports(key)
        print(f"filed {REPORTS} reports in {seconds:.1f} s ({REPORTS / seconds:.0f} per second, 8 writers, SQLite)")
        opener = signed_in_browser()
        first = re.search(r'href="/admin/laporan/([A-Z0-9-]+)"', opener.open(BASE + "/admin").read().decode()).group(1)
        last_page = (REPORTS + 24) // 25
        print(f"{'page':44s} {'median':>9s} {'p95':>9s}   ({REQUESTS} requests each, one signed-in client)")
        for path in ["/admin", f"/admin?p={last_page}", "/admin?q=puskesmas+obat", f"/admin/laporan/{first}",
                     "/laporan", "/statistik", "/api/reports?pageSize=100"]:
            median, p95 = measure(opener, path)
            print(f"{path:44s} {median:7.1f} ms {p95:7.1f} ms")
    finally:
        hub.terminate()
        hub.wait()

if __name__ == "__main__":
    main()
