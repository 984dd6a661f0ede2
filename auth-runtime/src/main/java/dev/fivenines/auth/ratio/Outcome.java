package dev.fivenines.auth.ratio;

/** What became of one decision or login attempt. Only {@link #SUCCESS} counts towards the ratio. */
public enum Outcome {
    /** Answered and allowed (a decision) or issued (a login). */
    SUCCESS,
    /** Answered: the policy denies it. */
    DENIED,
    /** Refused before an answer: a bad or missing token, bad input, wrong credentials (4xx). */
    REJECTED,
    /** Refused by a rate limit (429). */
    BLOCKED,
    /** Storage did not answer within its budget (504). */
    TIMED_OUT,
    /** The service failed (other 5xx). */
    FAILED;

    /** The outcome an HTTP status stands for, when the answer itself does not say more. */
    public static Outcome ofStatus(int status) {
        if (status < 400) {
            return SUCCESS;
        }
        if (status == 429) {
            return BLOCKED;
        }
        if (status == 504) {
            return TIMED_OUT;
        }
        return status < 500 ? REJECTED : FAILED;
    }
}
