# case: a writable raw tracepoint program reads its tracepoint buffer at an offset it computed (0..7): the kernel accepts only constant offsets into a tracepoint buffer (__check_buffer_access: "invalid variable buffer offset")
# kernel: reject
# expect: mem.bounds @ insn 4
        .section raw_tp.w/nbd_send_request,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r1 = *(u64 *)(r1 + 0)
        r2 = *(u32 *)(r1 + 4)
        r2 &= 7
        r1 += r2
        r0 = *(u8 *)(r1 + 0)
        r0 = 0
        exit
        .size   prog, .-prog

        .section license,"aw"
        .ascii  "GPL\0"
