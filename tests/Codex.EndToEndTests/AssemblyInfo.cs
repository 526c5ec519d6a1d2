// Each test class starts a host and a Chromium; on a 2-core machine they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
