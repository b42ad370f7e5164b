// glibc's malloc.h, which Swift's Glibc module does not export: mallinfo2 (the allocator's
// figures, for the node's heap metrics). Empty where the C library has no malloc.h.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
