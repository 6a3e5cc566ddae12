// Two lines of Swedish literals where the allowlist allows one.
const char* a = "nämndmål";
const char* b = "förvaltningsmål";
const char* ok = "months";  // vocabulary: a marked line is passed over: sv ? "x" : "y"
