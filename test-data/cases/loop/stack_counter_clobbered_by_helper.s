# case: the counter spilled at fp-8 is overwritten every iteration by bpf_get_current_comm writing 16 bytes at fp-16
# type: kprobe
# kernel: reject
# expect: loop.unbounded @ insn 10
        .section kprobe/do_nanosleep,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r1 = 0
        *(u64 *)(r10 - 8) = r1
loop:
        r1 = r10
        r1 += -16
        r2 = 16
        call 16
        r1 = *(u64 *)(r10 - 8)
        r1 += 1
        *(u64 *)(r10 - 8) = r1
        r2 = *(u64 *)(r10 - 8)
        if r2 < 8 goto loop
        r0 = 0
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
