using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Learning.Features.Enrolments;

internal static class EnrolmentEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        GetMyLearningEndpoint.Map(api);
        GetEnrolmentEndpoint.Map(api);
        CompleteStepEndpoint.Map(api);
        SignOffStepEndpoint.Map(api);
        SetMentorEndpoint.Map(api);
        GetSignOffQueueEndpoint.Map(api);
    }
}
