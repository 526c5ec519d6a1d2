using System.Collections.Concurrent;
using MediatR;

namespace Codex.Shared.Privacy;

/// <summary>
/// "Verarbeitungsübersicht" (records of processing activities, GDPR Art. 30, for the works agreement): published by
/// the Host; every module that processes personal data adds what it stores, for what, who sees it under the settings
/// in force now, and how long it is kept — already in the reader's language. The collector is thread-safe, as
/// <see cref="PersonalDataRequested"/>'s is.
/// </summary>
public sealed class ProcessingOverviewRequested : INotification
{
    private readonly ConcurrentQueue<ProcessingActivity> _activities = new();

    public IReadOnlyList<ProcessingActivity> Activities => [.. _activities];

    public void Add(ProcessingActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _activities.Enqueue(activity);
    }
}

/// <summary>
/// One module's processing: <paramref name="Module"/> is its key (e.g. "Skills"); every other field is text for the reader.
/// <paramref name="WhoSees"/> and <paramref name="Retention"/> say who sees which data and how long each kind is kept.
/// </summary>
public sealed record ProcessingActivity(
    string Module,
    string Title,
    IReadOnlyList<string> DataCategories,
    string Purpose,
    IReadOnlyList<string> WhoSees,
    IReadOnlyList<string> Retention);
