# case: a subprogram returns a pointer into its own stack frame
# type: xdp
# kernel: reject
        .section xdp,"ax"
        .globl prog
        .type prog,@function
prog:
        call sub
        r0 = 2
        exit
.Lprog_end:
        .size prog, .Lprog_end-prog

        .text
        .type sub,@function
sub:
        r1 = 0
        *(u64 *)(r10 - 8) = r1
        r0 = r10
        r0 += -8
        exit
.Lsub_end:
        .size sub, .Lsub_end-sub

        .section license,"aw"
        .asciz "GPL"
