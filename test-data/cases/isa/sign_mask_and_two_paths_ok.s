# case: clang's `err ? -155 : 0` as `(x s>> 63) & -155`, its sign tested twice (Cilium's NAT code): the kernel (6.18) verifies AND of a register in [-1, 0] with a constant as two paths, -1 and 0, so the second test is decided and the bad read after it is never reached
# kernel: accept
# expect: pass
        .section tc,"ax"
        .globl  prog
        .type   prog,@function
prog:
        call 7
        r0 <<= 32
        r8 = r0
        r8 s>>= 63
        r8 &= -155
        r1 = r8
        r1 <<= 32
        r1 s>>= 32
        if r1 s< 0 goto 1f
        r0 = 0
        exit
1:
        r1 = r8
        r1 <<= 32
        r1 s>>= 32
        if r1 s< 0 goto 2f
        r2 = 0
        r0 = *(u64 *)(r2 + 0)
2:
        r0 = 0
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
