#pragma once
// Fixture: the lowest layer, including only itself and the standard library.
#include <string>

#include "dsl/text.hpp"
