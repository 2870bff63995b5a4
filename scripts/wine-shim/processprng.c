/* wine 8.0 (Debian 12) lacks ProcessPrng in bcryptprimitives.dll, which
 * Rust's std imports: every Rust .exe would exit with c0000135. This shim
 * provides it on top of RtlGenRandom (SystemFunction036). Test-only: it is
 * copied into the throwaway wine prefix, never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
