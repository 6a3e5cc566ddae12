#pragma once
// Plain-text tables for terminals: columns sized by characters (not bytes), long cells
// wrapped at word boundaries.
#include <string>
#include <vector>

namespace arshjul::present {

struct Column {
  std::string header;
  std::size_t max_width = 0;  ///< wrap cells wider than this; 0 = never wrap
};

/// Renders rows under a header line and a rule line; every line ends in '\n'.
std::string render_table(const std::vector<Column>& columns,
                         const std::vector<std::vector<std::string>>& rows);

}  // namespace arshjul::present
