// Hangfire keeps its configuration (JobStorage.Current, filters) in static state: hosts must not
// start side by side, so the test classes of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
