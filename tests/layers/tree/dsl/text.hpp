#pragma once
// Fixture: reaches up to web/ through a relative path.
#include "../web/server.hpp"
