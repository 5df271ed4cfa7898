# case: AND with a constant of a register in [-2, 0], not [-1, 0]: the kernel does not fork it, the result is a range, and the read behind the test that range cannot decide is reached (R2 invalid mem access 'scalar')
# kernel: reject
# expect: pointer.not_pointer @ insn 8
        .section tc,"ax"
        .globl  prog
        .type   prog,@function
prog:
        call 7
        r8 = r0
        if r8 s> 0 goto 2f
        if r8 s< -2 goto 2f
        r8 &= 12
        if r8 == 0 goto 1f
        if r8 == 12 goto 1f
        r2 = 0
        r0 = *(u64 *)(r2 + 0)
1:
        r0 = 0
        exit
2:
        r0 = 0
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
