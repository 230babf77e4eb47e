// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "high/high.h"
#include "low/other.h"
