// These tests run llama.cpp with several threads each; run in parallel on a 2-core machine they
// oversubscribe the cores, and llama.cpp slows down by orders of magnitude (engine.md §5).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
