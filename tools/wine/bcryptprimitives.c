/* Test support for running planmap.exe under Wine 8; never shipped.
 *
 * Rust's standard library (1.78+) takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10+ has and Wine 8 lacks, so planmap.exe does not
 * start there. This stand-in exports ProcessPrng and answers it with RtlGenRandom
 * (SystemFunction036, which Wine has). tools/wine/prefix.sh builds it into the Wine prefix. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
