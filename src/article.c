#include "article.h"
