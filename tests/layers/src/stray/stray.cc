// SPDX-License-Identifier: Apache-2.0
#include "low/low.h"
