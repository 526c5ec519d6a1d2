using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Matrix;

internal static class MatrixEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        GetMatrixEndpoint.Map(api);
        SaveMatrixEndpoint.Map(api);
    }
}
