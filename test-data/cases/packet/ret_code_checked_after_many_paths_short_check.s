# case: ret_code_checked_after_many_paths with the asm checking 2 bytes before the 4-byte store: the kernel refuses the store (r=2)
# kernel: reject
# expect: packet.bounds @ insn 28
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
        r1 += 2
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
