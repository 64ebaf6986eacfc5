Console.WriteLine("routing benchmark: not written yet");
