#ifndef FOTA_CFUZZERDRIVER_H
#define FOTA_CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver. SwiftPM gives each executable an entry point of its own name, so the fuzz
/// targets start libFuzzer through this instead of its `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
