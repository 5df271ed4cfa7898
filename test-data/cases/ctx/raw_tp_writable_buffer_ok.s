# case: a writable raw tracepoint program reads its first argument, a pointer to the tracepoint's writable buffer (raw_tp_writable_prog_is_valid_access: PTR_TO_TP_BUFFER), and reads and writes the buffer at constant offsets; the buffer's size is checked when the program is attached, not when it is loaded
# kernel: accept
# expect: pass
        .section raw_tp.w/nbd_send_request,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r1 = *(u64 *)(r1 + 0)
        r2 = *(u32 *)(r1 + 4)
        *(u32 *)(r1 + 0) = r2
        r0 = 0
        exit
        .size   prog, .-prog

        .section license,"aw"
        .ascii  "GPL\0"
