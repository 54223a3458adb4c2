# Fails in `middle` unless RESUME_FLOW_FIXED=1, so it can be resumed.
import os

from metaflow import FlowSpec, step


class ResumeFlow(FlowSpec):
    @step
    def start(self):
        self.seed = 7
        self.next(self.middle)

    @step
    def middle(self):
        if os.environ.get("RESUME_FLOW_FIXED") != "1":
            raise ValueError("middle fails until RESUME_FLOW_FIXED=1")
        self.doubled = self.seed * 2
        self.next(self.end)

    @step
    def end(self):
        print("doubled:", self.doubled)


if __name__ == "__main__":
    ResumeFlow()
