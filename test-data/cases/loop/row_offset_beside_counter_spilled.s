# case: a loop over rows of 0x220 bytes whose row offset is a number of its own (off += 0x220 beside i += 1), both spilled around a helper call, exiting on a register bound of unknown value or at i > 8; the kernel walks the iterations with constants. The offset moves with the counter (off = 0x220 * i, an affine equality from the joins of constants, kept through the spills, the call and the fills), so the counter's bound bounds the write
# kernel: accept
# expect: pass
        .section "kprobe/do_nothing","ax"
        .globl  prog
        .type   prog,@function
prog:
        call 7
        r9 = r0
        r6 = rows ll
        *(u64 *)(r10 - 24) = r6
        r3 = 0
        r5 = 0
loop:
        *(u64 *)(r10 - 32) = r3
        *(u64 *)(r10 - 40) = r5
        call 7
        if r0 == 0 goto next
        r1 = *(u64 *)(r10 - 24)
        r5 = *(u64 *)(r10 - 40)
        r1 += r5
        r2 = 1
        *(u8 *)(r1 + 0x21f) = r2
next:
        r3 = *(u64 *)(r10 - 32)
        r5 = *(u64 *)(r10 - 40)
        if r3 > 8 goto out
        r5 += 0x220
        r3 += 1
        if r9 > r3 goto loop
out:
        r0 = 0
        exit
        .size   prog, .-prog

        .section .bss,"aw",@nobits
        .globl  rows
        .p2align 3
rows:
        .zero 5440
        .section license,"aw"
        .ascii  "GPL\0"
