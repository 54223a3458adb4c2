// The shapes of production requests, shared by the Production screen's
// actions, the HTTP API (/api/v1/deployments) and the CLI.
import { z } from "zod";
import { isFlowName } from "./pathspec";
import { isValidUserName } from "./identity";

export const flowNameSchema = z
  .string({ message: "Name the flow." })
  .trim()
  .min(1, "Name the flow to deploy.")
  .max(255, "A flow name is at most 255 characters.")
  .refine(isFlowName, "A flow name has letters, digits and underscores, starting with a letter.");

export const userNameSchema = z
  .string({ message: "Name the person." })
  .trim()
  .min(1, "Name the person.")
  .max(100, "A user name is at most 100 characters.")
  .refine(isValidUserName, "A user name has letters, digits and . _ @ + - only.");

export const tokenSchema = z
  .string({ message: "The token must be text." })
  .trim()
  .min(1, "Paste the production token.")
  .max(200, "That is too long to be a production token.");

/** POST /api/v1/deployments/{flow} and the deploy form: Metaflow's --authorize and --generate-new-token. */
export const deployRequestSchema = z.object({
  flow: flowNameSchema,
  authorize: tokenSchema.optional(),
  generateNewToken: z.boolean({ message: "generateNewToken must be true or false" }).optional(),
});

/** The JSON body of POST /api/v1/deployments/{flow}; the flow comes from the path. */
export const deployBodySchema = deployRequestSchema.omit({ flow: true }).strict();
