#ifndef FOTA_CLIBXLSXWRITER_SHIM_H
#define FOTA_CLIBXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
