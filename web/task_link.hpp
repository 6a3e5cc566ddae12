#pragma once
// A task in the web view's addresses and forms: the parameters p, c, s, u and n of /task and
// /done, produced and read through engine::TaskId.
#include <functional>
#include <optional>
#include <string>

#include "engine/task_id.hpp"

namespace arshjul::web {

/// "p=PROCESS&c=CYCLE&s=STEP&u=UNIT&n=OCCURRENCE", each value percent-encoded.
std::string task_query(const engine::TaskId& id);

/// The TaskId named by those parameters; `param(name)` gives a parameter's value, nullopt when
/// the request has none. The occurrence defaults to 1; a cycle that is not a year
/// (dsl::read_year) or an occurrence outside 1..engine::kMaxOccurrence gives nullopt. Whether the
/// task exists is engine::find_task's business.
std::optional<engine::TaskId> task_id_of(
    const std::function<std::optional<std::string>(const char*)>& param);

}  // namespace arshjul::web
