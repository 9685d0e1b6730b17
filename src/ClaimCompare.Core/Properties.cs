[module: System.Runtime.CompilerServices.SkipLocalsInit]

// The near-duplicate path's inner loops (MinHasher.Compute512, ShingleSet's merges, the shingler's folding and hashing,
// IndelRatio's token scans, CorpusWordStatistics' probes, PassageVerifier.Verify, ...) carry
// [MethodImpl(MethodImplOptions.AggressiveOptimization)]. A CLI command runs for seconds and keeps JIT-compiling new
// methods all the while, and each new tier-0 method pushes back the tiered compiler's call counting: in `dedup` on
// 2,500 articles these loops never left tier 0 (DOTNET_JitDisasmSummary, 3 runs of 3). Compiled optimised at once,
// they cost a few milliseconds of JIT once, not the unoptimised loops for the whole run.
