#include "bookmarks.h"
