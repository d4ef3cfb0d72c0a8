# One image for api, worker and sandbox; docker-compose.yml picks the entry point.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# The same install as .ci/run: npm ci refuses this lock file (it lacks other platforms' optional
# binaries), npm install installs the same locked versions for this platform.
RUN npm ci || npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
