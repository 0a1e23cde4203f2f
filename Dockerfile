# One image for the API and the workers (docker-compose.yml chooses the command).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production TZ=UTC
COPY package.json package-lock.json ./
# Dev dependencies include the console's build tools; the image builds the console once.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build:web
EXPOSE 3000
CMD ["npm", "run", "start:api"]
