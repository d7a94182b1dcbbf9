using System.Runtime.CompilerServices;

// The TPE's numerical building blocks (erfc, selection, bandwidths) are tested directly.
[assembly: InternalsVisibleTo("SlurmSearch.Search.Tests")]
