#ifndef YUQING_CMALLOC_SHIM_H
#define YUQING_CMALLOC_SHIM_H

// glibc's malloc tuning (mallopt), which Swift's Glibc module does not import.
#if defined(__linux__)
#include <malloc.h>
#endif

#endif
