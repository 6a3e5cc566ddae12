// Fixture: a lower layer may include dsl/, but no test helper.
#include "dsl/model.hpp"
#include "tests/helpers.hpp"
