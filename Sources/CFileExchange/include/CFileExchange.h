#ifndef FOTA_CFILEEXCHANGE_H
#define FOTA_CFILEEXCHANGE_H

/// Swaps two paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`): readers see one folder
/// or the other, never neither. Returns 0, or -1 with errno set (ENOSYS where unavailable).
int fota_exchange_paths(const char *first, const char *second);

#endif
