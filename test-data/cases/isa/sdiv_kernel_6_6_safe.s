# case: the same signed division (ISA v4) in a program for Linux 6.6, which introduced it
# kernel: accept
# args: --kernel 6.6
# expect: pass
#
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
