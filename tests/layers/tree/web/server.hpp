#pragma once
#include "engine/engine.hpp"
