import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { CodecError, dataConverterFor } from '../../../../libs/codec/src';
import { RuntimeConfig } from '../../../../libs/config/src';
import { PublicWhen, Roles } from '../auth/auth.guard';
import { ApiError } from '../common/api-error';
import { namedSchema } from '../common/openapi-components';
import { ApiErrors, ApiZodBody } from '../common/openapi-docs';
import { RUNTIME_CONFIG } from '../common/tokens';
import { ZodPipe } from '../common/zod-body.pipe';
import { CodecBody, codecBodySchema, fromJsonPayload, toJsonPayload } from './codec-payloads.schema';

/** The answer of both endpoints: the payloads, encoded or decoded, in the protocol's JSON. */
const CODEC_PAYLOADS_SCHEMA = namedSchema('CodecPayloads', codecBodySchema);

/**
 * Temporal's codec server (`POST /codec/encode`, `POST /codec/decode`): the Temporal UI and CLI show
 * the encrypted payloads decoded. Ops tokens only; without a token only under `npm run dev`
 * (CODEC_SERVER_OPEN_LOCAL=true, allowed on loopback only). Without payload keys, payloads pass unchanged.
 */
@ApiTags('ops')
@Controller('codec')
@Roles('ops')
@PublicWhen((config) => config.codecServerOpenLocal)
export class CodecController {
  private readonly codecs: readonly PayloadCodec[];

  constructor(@Inject(RUNTIME_CONFIG) config: RuntimeConfig) {
    this.codecs = dataConverterFor(config).payloadCodecs ?? [];
  }

  @Post('encode')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Encrypts payloads with the active key (Temporal's codec server protocol)" })
  @ApiZodBody(codecBodySchema)
  @ApiResponse({ status: 200, schema: CODEC_PAYLOADS_SCHEMA })
  @ApiErrors(400, 403)
  async encode(@Body(new ZodPipe(codecBodySchema)) body: CodecBody): Promise<CodecBody> {
    return this.run(body, async (payloads) => {
      for (const codec of this.codecs) payloads = await codec.encode(payloads);
      return payloads;
    });
  }

  @Post('decode')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Decrypts payloads (Temporal's codec server protocol, as the Temporal UI calls it)",
  })
  @ApiZodBody(codecBodySchema)
  @ApiResponse({ status: 200, schema: CODEC_PAYLOADS_SCHEMA })
  @ApiErrors(400, 403)
  async decode(@Body(new ZodPipe(codecBodySchema)) body: CodecBody): Promise<CodecBody> {
    return this.run(body, async (payloads) => {
      for (const codec of [...this.codecs].reverse()) payloads = await codec.decode(payloads);
      return payloads;
    });
  }

  /** Runs the codecs over the body's payloads; a payload they refuse (unknown key, tampered) is a 400. */
  private async run(body: CodecBody, apply: (payloads: Payload[]) => Promise<Payload[]>): Promise<CodecBody> {
    try {
      const payloads = await apply(body.payloads.map(fromJsonPayload));
      return { payloads: payloads.map(toJsonPayload) };
    } catch (error) {
      if (error instanceof CodecError) throw new ApiError(HttpStatus.BAD_REQUEST, error.code, error.message);
      throw error;
    }
  }
}
