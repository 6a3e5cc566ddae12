// Fixture: the top layer may include every layer below it.
#include "cli/common.hpp"
#include "web/server.hpp"
