# case: a subprogram reads r6: callee-saved registers belong to the caller's frame, so in a new frame r6 is not initialised even though the caller set its own r6
# type: xdp
# expect: uninit.register @ insn 5
# kernel: reject
        .section xdp,"ax"
        .globl prog
        .type prog,@function
prog:
        r6 = 1
        call sub
        r0 &= 1
        r0 += 1
        exit
.Lprog_end:
        .size prog, .Lprog_end-prog

        .text
        .type sub,@function
sub:
        r0 = r6
        exit
.Lsub_end:
        .size sub, .Lsub_end-sub

        .section license,"aw"
        .asciz "GPL"
