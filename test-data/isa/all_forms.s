# Every instruction form of the eBPF ISA v1-v4 (RFC 9669), one program.
#
# Assembled at test time with `llvm-mc-19 -triple bpfel -mcpu=v4
# -filetype=obj`; tests/isa/isa_forms_test.py checks `bpfcheck disasm` of the
# object against all_forms.expected (kernel/bpf/disasm.c formats) and the
# opcodes against llvm-objdump-19. The section has no function symbols, so
# the loader makes one program named after it. Labels below are NOTYPE, not
# functions. Jumps mostly go to the next instruction (+0); a few go further
# or backwards, never into the second slot of an ld_imm64.
        .section socket,"ax"
# --- ALU64, immediate source (BPF_ALU64 | BPF_K)
        r1 = 5
        r1 += 5
        r1 -= 5
        r1 *= 5
        r1 /= 5
        r1 |= 5
        r1 &= 5
        r1 <<= 5
        r1 >>= 5
        r1 %= 5
        r1 ^= 5
        r1 s>>= 5
        r1 += -1
        r1 = -r1
# --- ALU64, register source (BPF_ALU64 | BPF_X)
        r1 = r2
        r1 += r2
        r1 -= r2
        r1 *= r2
        r1 /= r2
        r1 |= r2
        r1 &= r2
        r1 <<= r2
        r1 >>= r2
        r1 %= r2
        r1 ^= r2
        r1 s>>= r2
# --- ALU (32-bit), immediate source
        w1 = 5
        w1 += 5
        w1 -= 5
        w1 *= 5
        w1 /= 5
        w1 |= 5
        w1 &= 5
        w1 <<= 5
        w1 >>= 5
        w1 %= 5
        w1 ^= 5
        w1 s>>= 5
        w1 = -w1
# --- ALU (32-bit), register source
        w1 = w2
        w1 += w2
        w1 -= w2
        w1 *= w2
        w1 /= w2
        w1 |= w2
        w1 &= w2
        w1 <<= w2
        w1 >>= w2
        w1 %= w2
        w1 ^= w2
        w1 s>>= w2
# --- signed division and modulo (v4: off = 1)
        r1 s/= r2
        r1 s%= r2
        r1 s/= 7
        r1 s%= -7
        w1 s/= w2
        w1 s%= w2
        w1 s/= 7
        w1 s%= 7
# --- sign-extending moves (v4: off = 8, 16, 32); addr_space_cast (off = 1, Linux 6.9 arenas)
        r1 = (s8)r2
        r1 = (s16)r2
        r1 = (s32)r2
        r1 = addr_space_cast(r2, 0, 1)
        w1 = (s8)w2
        w1 = (s16)w2
# --- byte order (BPF_ALU | BPF_END) and unconditional swaps (v4 BPF_ALU64 | BPF_END)
        r1 = be16 r1
        r1 = be32 r1
        r1 = be64 r1
        r1 = le16 r1
        r1 = le32 r1
        r1 = le64 r1
        r1 = bswap16 r1
        r1 = bswap32 r1
        r1 = bswap64 r1
# --- loads (BPF_LDX | BPF_MEM) and sign-extending loads (v4 BPF_MEMSX)
        r1 = *(u8 *)(r2 + 4)
        r1 = *(u16 *)(r2 + 4)
        r1 = *(u32 *)(r6 + 76)
        r1 = *(u64 *)(r10 - 8)
        r1 = *(s8 *)(r2 + 4)
        r1 = *(s16 *)(r2 - 4)
        r1 = *(s32 *)(r2 + 0)
# --- stores of an immediate (BPF_ST | BPF_MEM)
        *(u8 *)(r10 - 1) = 1
        *(u16 *)(r10 - 2) = 2
        *(u32 *)(r1 + 0) = 5
        *(u64 *)(r10 - 8) = -3
# --- stores of a register (BPF_STX | BPF_MEM)
        *(u8 *)(r10 - 1) = r1
        *(u16 *)(r10 - 2) = r1
        *(u32 *)(r10 - 4) = r1
        *(u64 *)(r10 - 8) = r1
# --- atomics, 32-bit (BPF_STX | BPF_ATOMIC | BPF_W)
        lock *(u32 *)(r1 + 8) += w2
        lock *(u32 *)(r1 + 8) |= w2
        lock *(u32 *)(r1 + 8) &= w2
        lock *(u32 *)(r1 + 8) ^= w2
        w2 = atomic_fetch_add((u32 *)(r1 + 8), w2)
        w2 = atomic_fetch_or((u32 *)(r1 + 8), w2)
        w2 = atomic_fetch_and((u32 *)(r1 + 8), w2)
        w2 = atomic_fetch_xor((u32 *)(r1 + 8), w2)
        w2 = xchg32_32(r1 + 8, w2)
        w0 = cmpxchg32_32(r1 + 8, w0, w2)
# --- atomics, 64-bit (BPF_STX | BPF_ATOMIC | BPF_DW)
        lock *(u64 *)(r1 + 8) += r2
        lock *(u64 *)(r1 + 8) |= r2
        lock *(u64 *)(r1 + 8) &= r2
        lock *(u64 *)(r1 + 8) ^= r2
        r2 = atomic_fetch_add((u64 *)(r1 + 8), r2)
        r2 = atomic_fetch_or((u64 *)(r1 + 8), r2)
        r2 = atomic_fetch_and((u64 *)(r1 + 8), r2)
        r2 = atomic_fetch_xor((u64 *)(r1 + 8), r2)
        r2 = xchg_64(r1 + 8, r2)
        r0 = cmpxchg_64(r1 + 8, r0, r2)
# --- 64-bit immediate (two slots) and legacy packet loads
        r1 = 0x1234567890 ll
        r2 = -1 ll
        r0 = *(u8 *)skb[4]
        r0 = *(u16 *)skb[4]
        r0 = *(u32 *)skb[4]
        r0 = *(u8 *)skb[r3]
        r0 = *(u16 *)skb[r3]
        r0 = *(u32 *)skb[r3]
# --- conditional jumps, 64-bit (BPF_JMP), immediate then register
        if r1 == 5 goto +0
        if r1 > 5 goto +1
        if r1 >= 5 goto +0
        if r1 < 5 goto +0
        if r1 <= 5 goto +0
        if r1 & 5 goto +0
        if r1 != 5 goto +0
        if r1 s> 5 goto +0
        if r1 s>= 5 goto +0
        if r1 s< 5 goto +0
        if r1 s<= 5 goto +0
        if r1 == -1 goto +0
        if r1 == r2 goto +0
        if r1 > r2 goto +1
        if r1 >= r2 goto +0
        if r1 < r2 goto +0
        if r1 <= r2 goto +0
        if r1 & r2 goto +0
        if r1 != r2 goto +0
        if r1 s> r2 goto +0
        if r1 s>= r2 goto +0
        if r1 s< r2 goto +0
        if r1 s<= r2 goto +0
# --- conditional jumps, 32-bit (BPF_JMP32), immediate then register
        if w1 == 5 goto +0
        if w1 > 5 goto +1
        if w1 >= 5 goto +0
        if w1 < 5 goto +1
        if w1 <= 5 goto +0
        if w1 & 5 goto +0
        if w1 != 5 goto +0
        if w1 s> 5 goto +0
        if w1 s>= -5 goto +0
        if w1 s< 5 goto +0
        if w1 s<= 5 goto +0
        if w1 == w2 goto +0
        if w1 > w2 goto +0
        if w1 >= w2 goto +0
        if w1 < w2 goto +0
        if w1 <= w2 goto +0
        if w1 & w2 goto +0
        if w1 != w2 goto +0
        if w1 s> w2 goto +0
        if w1 s>= w2 goto +0
        if w1 s< w2 goto +0
        if w1 s<= w2 goto -3
# --- unconditional jumps, may_goto, calls
        goto +1
        gotol +1
        may_goto +1
        call 1
        call 999
        call local_function
        callx r1
        goto +2
local_function:
        r0 = 0
        exit
        r0 = 0
        exit
