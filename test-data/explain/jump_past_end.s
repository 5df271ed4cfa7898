# case: a jump whose target lies past the last instruction
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        .globl prog
        .type prog,@function
prog:
        r0 = 0
        if r0 == 0 goto +5
        exit
.Lprog_end:
        .size prog, .Lprog_end-prog

        .section license,"aw"
        .asciz "GPL"
