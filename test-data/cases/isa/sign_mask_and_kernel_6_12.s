# case: the same `(x s>> 63) & -155` tested twice, for Linux 6.12: before 6.18 the AND gives one range that keeps no sign, and the read through a null pointer behind the second test is reached
# kernel: accept
# args: --kernel 6.12
# kernel-differs: the running kernel (6.18 or later) forks AND on [-1, 0] into two paths (maybe_fork_scalars); 6.12 does not
# expect: pointer.not_pointer @ insn 16
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
