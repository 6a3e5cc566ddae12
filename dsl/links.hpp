#pragma once
// Links between processes: `EFTER budget.anvisningar` resolved against the other processes of
// the rules, and the combined dependency graph of all of them checked for cycles.
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"

namespace arshjul::dsl {

/// Resolves the links of `processes` to other processes: each link's process and step become
/// the ids as declared (`Budget.Anvisningar` -> `budget.anvisningar`). The linked process is
/// looked for in `processes`, then in `others` (processes read only to resolve links: the
/// rest of a rule file's folder). An unknown process or step is an error at the link with the
/// closest name suggested; a dependency cycle through steps of more than one process is an
/// error naming the whole path (`nämnd.internbudget -> budget.anvisningar ->
/// nämnd.internbudget`); cycles inside one process are the compiler's. Errors are appended.
void link_processes(std::vector<Process>& processes, const std::vector<Process>& others,
                    std::vector<Diagnostic>& errors);

/// True when a step of `processes` names a process that is not among them.
bool has_foreign_links(const std::vector<Process>& processes);

}  // namespace arshjul::dsl
