using Lapor.Hub.Agencies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lapor.Hub.Web.Agencies;

/// <summary>The agencies reports can be forwarded to, with their open and overdue counts.</summary>
public static class AgencyEndpoints
{
    public static IEndpointRouteBuilder MapAgencyEndpoints(this IEndpointRouteBuilder app)
    {
        var agencies = app.MapGroup("/api/agencies").WithTags("Agencies");
        agencies.MapGet("/", ListAgencies);
        agencies.MapGet("/{code}", GetAgency);
        return app;
    }

    private static async Task<IResult> ListAgencies(AgencyDirectory directory, IGrainFactory grains)
    {
        // The directory holds a few hundred agencies at most (K/L/D); each grain answers from memory.
        var views = await Task.WhenAll(directory.Codes.Select(code => grains.GetGrain<IAgencyGrain>(code).Get()));
        return Results.Ok(views.OfType<AgencyView>().OrderBy(v => v.Profile.Level).ThenBy(v => v.Profile.Name).ToArray());
    }

    private static async Task<IResult> GetAgency(string code, IGrainFactory grains)
    {
        var normalized = code.Trim().ToUpperInvariant();
        if (!AgencyProfile.IsValidCode(normalized))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["Agency codes are upper-case letters, digits and dashes."] });
        }

        return await grains.GetGrain<IAgencyGrain>(normalized).Get() is { } view
            ? Results.Ok(view)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Agency not found", detail: $"No agency {normalized}.");
    }
}
