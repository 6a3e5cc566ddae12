#include "web/server.hpp"

#include <httplib.h>

#include "cli/common.hpp"
#include "dsl/model.hpp"
