# case: a signed division (ISA v4, Linux 6.6) in a program for Linux 6.1, which does not know the instruction
# kernel: accept
# args: --kernel 6.1
# kernel-differs: the running kernel (6.6 or later) knows sdiv; the target 6.1 refuses the opcode
# expect: isa.unavailable @ insn 2
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = -20
        r1 = 4
        r0 s/= r1
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
