# case: clang's rotated loop over a buffer from a bounded start: the index is copied (r2 = r0), the copy used, the original stepped (r0 += 1) and the copy compared (if r2 < 9); the kernel links the two (BPF_ADD_CONST) and bounds the stepped one by the comparison, so buf[r0] stays within 10 bytes
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
        .globl  prog
        .type   prog,@function
prog:
        call 5
        if r0 > 9 goto out
loop:
        r1 = buf ll
        r2 = r0
        r1 += r2
        r3 = *(u8 *)(r1 + 0)
        r0 = r2
        r0 += 1
        if r2 < 9 goto loop
        exit
out:
        r0 = 0
        exit
        .size   prog, .-prog

        .section .data.buf,"aw"
        .type   buf,@object
buf:
        .zero 10
        .size   buf, 10
        .section license,"aw"
        .asciz "GPL"
