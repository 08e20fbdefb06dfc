#include "feed.h"
