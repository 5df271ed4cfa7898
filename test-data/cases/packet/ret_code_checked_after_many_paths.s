# case: Cilium's xdp_store_bytes: a packet pointer checked in inline asm that leaves its verdict in a register (ret = 0 when data + 4 <= data_end, else -22), the store done only if ret is 0; 32 paths (five flags in registers) reach the check, so 64 states meet where ret is tested, past the 32 parts a program point keeps. The kernel walks each path apart; the fold must not join ret = 0 with ret = -22 (its constant decides the branch: the kernel marks it precise), or the store tests a range of both and loses the packet range
# kernel: accept
# expect: pass
        .section "xdp","ax"
        .globl  prog
        .type   prog,@function
prog:
        r6 = r1
        call 7
        r1 = r0
        r7 = 0
        if r1 & 1 goto a1
        r7 = 1
a1:
        r8 = 0
        if r1 & 2 goto a2
        r8 = 1
a2:
        r9 = 0
        if r1 & 4 goto a3
        r9 = 1
a3:
        r3 = 0
        if r1 & 8 goto a4
        r3 = 1
a4:
        r4 = 0
        if r1 & 16 goto a5
        r4 = 1
a5:
        r2 = *(u32 *)(r6 + 4)
        r1 = *(u32 *)(r6 + 0)
        r0 = r1
        r1 += 4
        if r1 > r2 goto short
        r5 = 0
        goto check
short:
        r5 = -22
check:
        if w5 != 0 goto out
        r1 = 7
        *(u32 *)(r0 + 0) = r1
out:
        r0 = r7
        r0 += r8
        r0 += r9
        r0 += r3
        r0 += r4
        r0 &= 1
        r0 += 1
        exit
        .size   prog, .-prog
        .section license,"aw"
        .ascii  "GPL\0"
