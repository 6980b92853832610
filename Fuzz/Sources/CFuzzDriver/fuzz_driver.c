// Only a header: LLVMFuzzerRunDriver comes from libFuzzer itself.
#include "fuzz_driver.h"
